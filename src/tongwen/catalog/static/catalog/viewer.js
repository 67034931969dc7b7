// Starts Mirador (served from this site, see STATICFILES_DIRS) on the page's viewer element,
// with the configuration the page gives in its json_script.
(function () {
  "use strict";
  var source = document.getElementById("viewer-config");
  var target = source && document.getElementById(JSON.parse(source.textContent).id);
  if (!target) {
    return;
  }
  if (typeof window.Mirador === "undefined") {
    target.setAttribute("data-viewer-state", "unavailable");
    return;
  }
  window.Mirador.viewer(JSON.parse(source.textContent));
  target.setAttribute("data-viewer-state", "started");
})();
