/* The search page's box: titles suggested while typing, from /api/v1/search/suggest/.
 *
 * The box is an ARIA combobox (1.2 pattern): the list is a listbox, the option being chosen is
 * the input's aria-activedescendant, so focus stays in the box while the arrow keys move.
 * Enter on an option opens it; Enter without one submits the search as typed. Requests wait
 * for a pause in typing, and a reply to an older request than the last is dropped.
 * Also: changing the sort order submits the form. Without this script the page still works.
 */
(function () {
  "use strict";

  var DELAY_MS = 150;

  function setUp(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var status = document.getElementById("search-status");
    var url = input.dataset.suggestUrl;
    var timer = null;
    var controller = null;
    var asked = 0;
    var options = [];
    var active = -1;

    function announce(text) {
      if (status) status.textContent = text;
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      options = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(index) {
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(suggestions) {
      list.textContent = "";
      options = [];
      active = -1;
      if (!suggestions.length) {
        close();
        announce(input.dataset.none);
        return;
      }
      suggestions.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = "search-suggestion-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = item.url;
        var title = document.createElement("span");
        title.className = "suggestion-title";
        title.textContent = item.title;
        var type = document.createElement("span");
        type.className = "suggestion-type";
        type.textContent = item.type_label;
        option.appendChild(title);
        option.appendChild(type);
        // mousedown, not click: it comes before the box loses focus and closes the list.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.assign(item.url);
        });
        list.appendChild(option);
        options.push(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      announce(
        suggestions.length === 1
          ? input.dataset.countOne
          : input.dataset.countMany.replace("%(count)s", String(suggestions.length))
      );
    }

    function ask() {
      var text = input.value.trim();
      if (!text) {
        close();
        return;
      }
      if (controller) controller.abort();
      controller = new AbortController();
      var number = ++asked;
      fetch(url + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (number === asked && document.activeElement === input) show(data.suggestions || []);
        })
        .catch(function () {
          /* aborted by newer typing, or offline: the search itself still works */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (event.isComposing) return; // an input method is still choosing characters
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown") {
        if (!open) {
          ask();
          return;
        }
        event.preventDefault();
        choose(active + 1 >= options.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        choose(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].dataset.url);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 100);
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(setUp);

  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      if (select.form) select.form.requestSubmit();
    });
  });
})();
