/* Intake upload page: drag and drop onto the file field, and the upload sent in the background so the
   report appears in place (announced by its aria-live region). Without this script the form posts
   normally and the server renders the same report. */
(function () {
  "use strict";

  function setup() {
    var form = document.getElementById("upload-form");
    var drop = document.getElementById("upload-drop");
    var input = document.getElementById("upload-files");
    var results = document.getElementById("upload-results");
    if (!form || !drop || !input || !results) {
      return;
    }
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (event) {
        event.preventDefault();
        drop.classList.add("is-over");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () {
        drop.classList.remove("is-over");
      });
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = document.getElementById("upload-submit");
      button.disabled = true;
      results.setAttribute("aria-busy", "true");
      results.textContent = results.getAttribute("data-busy-text") || "";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.text();  /* the server answers this request with the report's HTML, errors included */
      }).then(function (html) {
        results.innerHTML = html;
        var heading = document.getElementById("results-heading");
        if (heading) {
          heading.focus();
        }
      }).catch(function () {
        form.submit();  /* the network failed: post the form the ordinary way */
      }).finally(function () {
        button.disabled = false;
        results.setAttribute("aria-busy", "false");
        form.reset();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
