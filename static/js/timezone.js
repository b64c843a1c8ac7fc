// Tell the server the visitor's time zone, so times are shown in it before anyone signs in.
// Progressive enhancement only: without JavaScript, times are shown in UTC with the zone named.
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("tz=" + encodeURIComponent(zone)) === -1) {
      document.cookie =
        "tz=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;samesite=lax";
    }
  } catch (e) {
    /* An old browser without Intl: keep UTC. */
  }
})();
