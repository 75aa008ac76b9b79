// V8 flags the cs-sheets process runs with (bench/run.ts uses them too, so it measures what users run).
// A larger young generation: a 100,000-account build allocates many short-lived cells, and the default
// semi-space makes the collector run thousands of times (about 2 s of a 12 s build in npm run bench).
module.exports = ['--max-semi-space-size=64'];
