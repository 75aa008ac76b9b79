import { parseCsv } from '../../core/src/data/csv';
import type { InputTables, RawTable } from '../../core/src/data/model';

/**
 * A small hand-built book of business. Expected figures for 2024-01-01 → 2025-01-01 are
 * worked out by hand in report-model.test.ts.
 */
export const ACCOUNTS_CSV = `Account ID,Account Name,Segment,CSM,Complexity,Strategic Value,Seats,Renewal Date
A,Acme,Ent,Kim,,Transactional,10,2025-03-01
B,Beta,,Lee,,,5,
C,Gamma,mid market,Kim,,,20,
D,Delta,Small business,Lee,High,,3,
E,Echo,whatever,,,,,
G,Golf,,Kim,,,,
`;

export const SUBSCRIPTIONS_CSV = `subscription_id,account_id,start_date,end_date,plan,mrr_amount,arr_amount,is_trial
A-1,A,2023-06-01,,Pro,1000,,FALSE
A-2,a,2024-06-15,,Pro,,6000,False
A-3,A,2024-02-01,2024-02-01,Pro,100,,no
B-1,B,2023-01-01,2024-05-01,Basic,500,,0
B-2,B,not a date,,Basic,500,,FALSE
C-1,C,2023-03-01,,Ent,1500,24000,FALSE
C-2,C,2023-03-01,2024-09-01,Addon,,12000,FALSE
D-1, d ,2024-03-10,,Basic,200,,FALSE
D-2,D,2024-04-05,2024-04-20,Basic,50,,FALSE
E-1,E,2023-01-01,,Pro,0,,TRUE
G-1,G,2023-01-01,2023-06-01,Basic,100,,FALSE
G-2,G,2024-10-05,,Basic,100,,FALSE
Z-1,ZZ,2023-01-01,,Basic,999,,FALSE
`;

export const TICKETS_CSV = `ticket_id,account_id,submitted_at,satisfaction_score,escalation_flag
T1,A,2023-12-31,5,FALSE
T2,A,2024-01-01,4,TRUE
T3,b,2024-06-01 09:30,3,False
T4,C,2024-06-02,,FALSE
T5,D,2024-12-31,5,no
T6,D,2025-01-01,1,FALSE
T7,C,2024-07-01,N/A,FALSE
T8,C,2024-08-01,6,FALSE
T9,ZZ,2024-08-01,5,FALSE
`;

export const USAGE_CSV = `usage_id,subscription_id,usage_date,feature_name,usage_count,error_count
U1,A-1,2024-03-01,export,5,0
U2,E-1,2024-03-02,export,2,1
U3,X-9,2024-03-03,import,1,0
U4,Z-1,2024-03-03,import,1,0
`;

export const CHURN_CSV = `churn_event_id,account_id,churn_date
CH1,B,2024-05-01
CH2,C,2024-09-01
CH3,G,2023-06-01
`;

export function smallTables(): InputTables {
  return {
    accounts: parseCsv(ACCOUNTS_CSV, 'accounts.csv'),
    subscriptions: parseCsv(SUBSCRIPTIONS_CSV, 'subscriptions.csv'),
    tickets: parseCsv(TICKETS_CSV, 'tickets.csv'),
    usage: parseCsv(USAGE_CSV, 'usage.csv'),
    churnEvents: parseCsv(CHURN_CSV, 'churn.csv'),
  };
}

/**
 * Month-end MRR per account (subscriptions active on the month's last day, start ≤ day < end):
 *            Nov23 Dec23  Jan  Feb  Mar  Apr  May  Jun
 *   A          100   100  100  100  150  150  100  100   (+50 from 2024-03-10 to 2024-05-20)
 *   B            –     –  200  200    0    0   80   80   (ends 2024-03-31: not active on Mar 31; back 2024-05-01)
 *   C            –     –    –  300  300  120  120  120   (300 until 2024-04-15, then 120)
 *   D            –     –    –    –    –    –    –   40   (trial skipped; 2024-03-03→03-25 never at a month-end; starts Jun 30)
 *   E            –     –   70    0    –    –    –    –   (2024-01-31 → 2024-02-01: one day, on Jan 31)
 *   ending     100   100  370  600  450  270  300  340
 * Movements: Jan new 270 (B, E); Feb new 300 (C), churn 70 (E); Mar expansion 50 (A), churn 200 (B);
 * Apr contraction 180 (C); May contraction 50 (A), reactivation 80 (B); Jun new 40 (D).
 * Cohorts: 2023-11 A; 2024-01 B+E: 270, 200, 0, 0, 80, 80 (logos 2, 1, 0, 0, 1, 1);
 * 2024-02 C: 300, 300, 120, 120, 120; 2024-06 D: 40.
 */
export function monthlyCaseSubscriptions(): RawTable {
  return {
    source: 'hand-made.csv',
    headers: ['subscription_id', 'account_id', 'start_date', 'end_date', 'mrr_amount', 'is_trial'],
    rows: [
      ['S1', 'A', '2023-11-15', '', '100', 'FALSE'],
      ['S2', 'A', '2024-03-10', '2024-05-20', '50', 'FALSE'],
      ['S3', 'B', '2024-01-05', '2024-03-31', '200', 'FALSE'],
      ['S4', 'B', '2024-05-01', '', '80', 'FALSE'],
      ['S5', 'C', '2024-02-10', '2024-04-15', '300', 'FALSE'],
      ['S6', 'C', '2024-04-15', '', '120', 'FALSE'],
      ['S7', 'D', '2024-01-01', '', '999', 'TRUE'],
      ['S8', 'D', '2024-03-03', '2024-03-25', '500', 'FALSE'],
      ['S9', 'D', '2024-06-30', '', '40', 'FALSE'],
      ['S10', 'E', '2024-01-31', '2024-02-01', '70', 'FALSE'],
    ],
  };
}
