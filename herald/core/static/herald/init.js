// Starts GOV.UK Frontend's components. Loaded as a module, so it runs only in browsers that
// GOV.UK Frontend supports; everything still works without it.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll({
  onError(error, context) {
    // A component that fails to start is a bug in our markup: make it visible in the console.
    console.error("GOV.UK Frontend:", error, context);
  },
});
