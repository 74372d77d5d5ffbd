/**
 * e2e/server.ts prints this line once the app answers; playwright.config.ts waits for it. Playwright
 * copies the pattern's named groups into the environment (upper-cased) before workers start, so specs
 * and fixtures read PARLEY_E2E_BASE_URL and PARLEY_E2E_DATABASE_URL (for checking stored state).
 */
export function readyLine(baseUrl: string, databaseUrl: string): string {
  return `parley e2e server ready at ${baseUrl} with database ${databaseUrl}`;
}

export const READY_PATTERN = /parley e2e server ready at (?<parley_e2e_base_url>http:\/\/\S+) with database (?<parley_e2e_database_url>postgres:\/\/\S+)/;
