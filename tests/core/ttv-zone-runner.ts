/** Run in a child process with TZ set: prints the zone's January offset and every TTV result. */
import { ttvResultsHere } from './time-to-value-cases';

process.stdout.write(
  JSON.stringify({ tz: process.env.TZ, offset: new Date(2024, 0, 15).getTimezoneOffset(), results: ttvResultsHere() }),
);
