import { mapColumns, mapRequiredColumns, normaliseHeader } from '../../core/src/data/columns';
import { InputError } from '../../core/src/errors';

const table = (headers: string[], source = 't.csv') => ({ headers, source });

describe('header mapping', () => {
  it('ignores case, spacing and punctuation', () => {
    expect(normaliseHeader('Account ID')).toBe('accountid');
    expect(normaliseHeader(' account_id ')).toBe('accountid');
    for (const h of ['Account ID', 'account_id', 'acct id', 'Customer ID', 'ACCOUNT-ID', 'customer']) {
      expect(mapColumns('subscriptions', table(['x', h])).columns.accountId).toBe(1);
    }
  });

  it('maps MRR and ARR aliases, and a trailing currency code', () => {
    const m = mapColumns('subscriptions', table(['Customer ID', 'Start Date', 'End Date', 'Monthly Recurring Revenue', 'ARR (USD)', 'Is Trial']));
    expect(m.columns).toEqual({ accountId: 0, startDate: 1, endDate: 2, mrr: 3, arr: 4, trial: 5 });
    expect(mapColumns('subscriptions', table(['account_id', 'start_date', 'mrr_amount', 'arr_amount'])).columns).toMatchObject({ mrr: 2, arr: 3 });
    expect(mapColumns('accounts', table(['id', 'annual recurring revenue'])).columns).toEqual({ accountId: 0, arr: 1 });
  });

  it('maps the RavenStack headers', () => {
    const subs = mapColumns('subscriptions', table('subscription_id,account_id,start_date,end_date,plan_tier,seats,mrr_amount,arr_amount,is_trial,upgrade_flag,downgrade_flag,churn_flag,billing_frequency,auto_renew_flag'.split(',')));
    expect(subs.columns).toEqual({ subscriptionId: 0, accountId: 1, startDate: 2, endDate: 3, plan: 4, seats: 5, mrr: 6, arr: 7, trial: 8 });
    expect(subs.unused).toEqual(['upgrade_flag', 'downgrade_flag', 'churn_flag', 'billing_frequency', 'auto_renew_flag']);
    const tickets = mapColumns('tickets', table('ticket_id,account_id,submitted_at,closed_at,resolution_time_hours,priority,first_response_time_minutes,satisfaction_score,escalation_flag'.split(',')));
    expect(tickets.columns).toEqual({ ticketId: 0, accountId: 1, date: 2, csat: 7, escalation: 8 });
    const usage = mapColumns('usage', table('usage_id,subscription_id,usage_date,feature_name,usage_count,usage_duration_secs,error_count,is_beta_feature'.split(',')));
    expect(usage.columns).toEqual({ usageId: 0, subscriptionId: 1, date: 2, feature: 3, count: 4, errors: 6 });
    const churn = mapColumns('churnEvents', table('churn_event_id,account_id,churn_date,reason_code,refund_amount_usd,preceding_upgrade_flag,preceding_downgrade_flag,is_reactivation,feedback_text'.split(',')));
    expect(churn.columns).toEqual({ churnEventId: 0, accountId: 1, date: 2, reason: 3, reactivation: 7 });
    const accounts = mapColumns('accounts', table('account_id,account_name,industry,country,signup_date,referral_source,plan_tier,seats,is_trial,churn_flag'.split(',')));
    expect(accounts.columns).toEqual({ accountId: 0, name: 1, seats: 7 });
  });

  it('gives each header to one field only', () => {
    const m = mapColumns('accounts', table(['Account', 'Account Name', 'CSM', 'Owner']));
    expect(m.columns).toMatchObject({ accountId: 0, name: 1, owner: 2 });
    expect(m.unused).toEqual(['Owner']);
  });

  it('accepts an override by header, normalised header or index, and null to unmap', () => {
    const t = table(['Kunde', 'Beginn', 'Ende', 'Betrag', 'Segment']);
    expect(() => mapRequiredColumns('subscriptions', t)).toThrow(InputError);
    const m = mapRequiredColumns('subscriptions', t, { accountId: 'Kunde', startDate: 'beginn', endDate: 2, mrr: 'Betrag' });
    expect(m.columns).toEqual({ accountId: 0, startDate: 1, endDate: 2, mrr: 3 });
    expect(m.overridden).toEqual(['accountId', 'startDate', 'endDate', 'mrr']);
    const a = mapColumns('accounts', table(['id', 'segment']), { segment: null });
    expect(a.columns).toEqual({ accountId: 0 });
  });

  it('rejects an override that names no column or no field', () => {
    expect(() => mapColumns('subscriptions', table(['a', 'b']), { accountId: 'nope' })).toThrow('t.csv: no column "nope" for account id; columns seen: a, b');
    expect(() => mapColumns('subscriptions', table(['a', 'b']), { accountId: 5 })).toThrow(InputError);
    expect(() => mapColumns('subscriptions', table(['a']), { feature: 'a' })).toThrow('has no field "feature"');
  });

  it('names the file, the missing field and the columns seen', () => {
    expect(() => mapRequiredColumns('accounts', table(['a', 'b', 'c'], 'accounts.csv'))).toThrow(
      new InputError('accounts.csv: no column looks like account id; columns seen: a, b, c'),
    );
    expect(() => mapRequiredColumns('subscriptions', table(['account_id', 'start_date', 'plan'], 'subs.csv'))).toThrow(
      'subs.csv: no column looks like MRR or ARR; columns seen: account_id, start_date, plan',
    );
    expect(() => mapRequiredColumns('subscriptions', table(['account_id', 'mrr'], 'subs.csv'))).toThrow('no column looks like start date');
    expect(() => mapRequiredColumns('usage', table(['feature', 'date'], 'u.csv'))).toThrow('u.csv: no column looks like account id or subscription id');
    expect(() => mapRequiredColumns('tickets', table(['account_id', 'score'], 't.csv'))).toThrow('t.csv: no column looks like date');
    expect(mapRequiredColumns('usage', table(['subscription id', 'day'])).columns).toEqual({ subscriptionId: 0, date: 1 });
  });
});
