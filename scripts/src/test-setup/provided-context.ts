// What the global setup hands to every test file through vitest's provide/inject.
declare module 'vitest' {
  export interface ProvidedContext {
    /** MongoDB server URL without a database; use testDatabaseUrl() for a file's own database. */
    MONGO_URL: string;
    TEMPORAL_ADDRESS: string;
    /** Base URL of the Postmark-compatible sink; empty when the sink could not be started. */
    SINK_URL: string;
    /** The Daily stand-in's API base; a file keeps its rooms, calls and outages apart by an API key of its own. */
    DAILY_API_BASE_URL: string;
    /** The Zoom stand-in's origin; a file keeps its meetings, calls and outages apart by a Zoom account id of its own. */
    ZOOM_STAND_IN_URL: string;
    /** The Google Calendar stand-in every portal under test reads (its API root and token endpoint), shared by all files. */
    GOOGLE_CALENDAR_API_URL: string;
    GOOGLE_OAUTH_TOKEN_URL: string;
    /** The key file of the organisation's service account at that stand-in, delegated for example.test. */
    GOOGLE_SERVICE_ACCOUNT_KEY: string;
    /** The Microsoft Graph stand-in and the organisation's app registration there (MicrosoftStandInPlace as JSON), shared by all files. */
    MICROSOFT_STAND_IN: string;
    /** The lifecycle workflow bundle the global setup built for this run (workflow-bundle.ts). */
    WORKFLOW_BUNDLE_PATH: string;
    /** Where a file asks for a portal shared with other files (shared-portals.ts). */
    SHARED_PORTALS_URL: string;
  }
}

export {};
