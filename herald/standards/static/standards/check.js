// The live check: re-checks the text as the person types (300 ms after they pause) and swaps
// in the results region the server renders. Without JavaScript the form's Check button does
// the same through a normal page load.
const DELAY_MS = 300;

const form = document.querySelector("form[data-live-check]");
const region = document.getElementById("check-results");

if (form && region) {
  let timer = null;
  let inFlight = null;

  const refresh = async () => {
    inFlight?.abort();
    inFlight = new AbortController();
    try {
      const response = await fetch(form.dataset.liveCheck, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
        signal: inFlight.signal,
      });
      if (response.ok) {
        // Server-rendered HTML in which every piece of the person's text is escaped.
        region.innerHTML = await response.text();
      }
    } catch (error) {
      if (error.name !== "AbortError") {
        console.warn("Live check failed; the Check button still works.", error);
      }
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  };

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
}
