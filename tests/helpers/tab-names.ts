/** The generated tabs, in the order reports.md lists them (QBR and Success Plan come per account, before Definitions). */
export const ALL_TAB_NAMES = ['Coverage Model', 'Board Report', 'Health Scores', 'MRR Movements', 'Cohorts', 'Definitions', 'Data'];
/** The tabs a pane offers as buttons: all but Data, which comes along with the others. */
export const BUTTON_TAB_NAMES = ALL_TAB_NAMES.filter((name) => name !== 'Data');
