from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form sent from a stale page: explain it in the visitor's language instead of Django's
    English technical page."""
    return render(request, "403_csrf.html", status=403)
