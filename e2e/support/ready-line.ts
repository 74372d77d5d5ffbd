/**
 * e2e/server.ts prints this followed by its base URL once the app answers; playwright.config.ts waits
 * for it and reads the URL from it (a named group, which Playwright copies into the environment).
 */
export const READY_LINE = "parley e2e server ready at";
export const READY_PATTERN = /parley e2e server ready at (?<parley_e2e_base_url>http:\/\/\S+)/;
