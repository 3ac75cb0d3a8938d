// Form publishing, which @types/google-apps-script (2.0.x) does not declare yet, added to Google's own Form type so
// the adapters, the emulator and the drift checks of gas-api.ts all see it. Source: Google's Forms guide « API
// changes to Google Forms » (https://developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms):
// forms created by API after June 30, 2026 start unpublished and receive no response until published; its Apps
// Script sample (« Publish and manage responders on the form »,
// https://developers.google.com/workspace/forms/api/guides/publish-form) calls `form.setPublished(true)` (« This
// also enables accepting responses ») and then checks `form.isPublished()` and `form.isAcceptingResponses()`.
/// <reference types="google-apps-script" />

declare namespace GoogleAppsScript {
  namespace Forms {
    interface Form {
      /** Publishes (true) or unpublishes (false) the form; publishing also opens it to responses. */
      setPublished(published: boolean): Form;
      /** Whether the form is published. */
      isPublished(): boolean;
    }
  }
}
