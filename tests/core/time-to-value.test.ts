import { timeToValueCases } from './time-to-value-cases';

timeToValueCases();
