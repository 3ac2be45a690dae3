/** The user declined to replace existing series: the file is untouched. */
export class BackfillDeclined extends Error {}
