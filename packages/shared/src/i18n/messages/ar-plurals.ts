/** Arabic's plural forms (zero, one, two, few, many, other) of the words both Arabic catalogues count in. */
export const MINUTES = '{minutes, plural, zero {# دقيقة} one {دقيقة واحدة} two {دقيقتان} few {# دقائق} many {# دقيقة} other {# دقيقة}}';
export const HOURS = '{hours, plural, zero {# ساعة} one {ساعة واحدة} two {ساعتان} few {# ساعات} many {# ساعة} other {# ساعة}}';
export const INTERVIEWERS = '{count, plural, one {المُحاوِر} two {المُحاوِران} other {المُحاوِرون}}';
