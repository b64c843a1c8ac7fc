// Tell the server the visitor's time zone (the `tz` cookie), so times are shown in it before
// anyone signs in. On a first visit the server did not know it yet (base.html then marks this
// script `data-zone-unknown`): show this page's times in the browser's zone straight away, in the
// page's language, and start the sign-up form's zone at the browser's.
// Progressive enhancement only: without JavaScript, times stay in UTC with the zone named.
(function () {
  var script = document.currentScript;
  var unknown = script && script.hasAttribute("data-zone-unknown");
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return; // An old browser without Intl: keep UTC.
  }
  if (!zone) {
    return;
  }
  if (document.cookie.indexOf("tz=" + encodeURIComponent(zone)) === -1) {
    document.cookie = "tz=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;samesite=lax";
  }
  if (!unknown) {
    return;
  }

  function formatter(lang) {
    try {
      return new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "short", timeZone: zone });
    } catch (e) {
      return new Intl.DateTimeFormat(lang, {
        weekday: "long", year: "numeric", month: "long", day: "numeric",
        hour: "numeric", minute: "2-digit", timeZone: zone,
      });
    }
  }

  function zoneName(lang, date) {
    var names = ["longGeneric", "long"];
    for (var i = 0; i < names.length; i++) {
      try {
        var parts = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: names[i] })
          .formatToParts(date);
        for (var j = 0; j < parts.length; j++) {
          if (parts[j].type === "timeZoneName") {
            return parts[j].value;
          }
        }
      } catch (e) {
        /* this style is unknown here: try the next */
      }
    }
    return zone;
  }

  function localise() {
    var lang = document.documentElement.lang || undefined;
    var format = formatter(lang);
    var times = document.querySelectorAll("time[data-local][datetime]");
    for (var i = 0; i < times.length; i++) {
      var start = new Date(times[i].getAttribute("datetime"));
      var endText = times[i].getAttribute("data-end");
      var end = endText ? new Date(endText) : null;
      if (isNaN(start) || (end && isNaN(end))) {
        continue;
      }
      var text;
      if (end && format.formatRange) {
        text = format.formatRange(start, end);
      } else {
        text = format.format(start) + (end ? " – " + format.format(end) : "");
      }
      times[i].textContent = text + " (" + zoneName(lang, start) + ")";
    }
    // The sign-up form: its zone starts at the server's default (UTC); the browser knows better.
    // Some browsers report an old name ("Asia/Katmandu"): each option lists its old names.
    var selects = document.querySelectorAll("select[name=timezone][data-browser-zone]");
    for (var k = 0; k < selects.length; k++) {
      var select = selects[k];
      var initial = select.querySelector("option[selected]");
      if (initial && initial.value !== select.value) {
        continue; // the person already chose
      }
      for (var m = 0; m < select.options.length; m++) {
        var option = select.options[m];
        var also = (option.getAttribute("data-also") || "").split(" ");
        if (option.value === zone || also.indexOf(zone) !== -1) {
          select.value = option.value;
          break;
        }
      }
    }
  }

  try {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", localise);
    } else {
      localise();
    }
  } catch (e) {
    /* Leave the server's text as it is. */
  }
})();
