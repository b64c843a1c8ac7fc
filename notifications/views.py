from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.filters import active_filter_chips
from core.pagination import paginate
from core.refusals import bound_form, form_page
from notifications import permissions, selectors, services
from notifications.enums import Preference
from notifications.forms import DeliveryFilterForm, PreferencesForm
from notifications.models import Delivery


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    current = services.settings_for(request.user)
    form = bound_form(
        PreferencesForm,
        request,
        initial={
            "enabled": [p for p in Preference.values if current.wants(p)],
            "offsets": current.reminder_offsets,
        },
    )

    def on_valid(form):
        services.save_preferences(
            user=request.user,
            enabled=form.cleaned_data["enabled"],
            offsets=form.cleaned_data["offsets"],
        )
        messages.success(request, _("Your email choices are saved."))
        return redirect("notifications:preferences")

    return form_page(request, "notifications/preferences.html", form=form, on_valid=on_valid)


@csrf_exempt  # mail programs send RFC 8058 one-click POSTs; the signed token is the authority
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """One click, no sign-in: the signed link switches off one kind of email. The page (and its
    confirmation) speaks the language of the person the email was for, not the browser's."""
    try:
        data = signing.loads(token, salt=services.UNSUBSCRIBE_SALT)
        preference = Preference(data["p"])
    except (signing.BadSignature, KeyError, ValueError):
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    language = services.recipient_language(user_id=data.get("u")) or translation.get_language()
    with translation.override(language):
        request.LANGUAGE_CODE = language
        if request.method != "POST":
            response = render(
                request,
                "notifications/unsubscribe.html",
                {"preference": preference.label, "token": token},
            )
        else:
            try:
                services.unsubscribe(token=token)
            except Exception:  # the person may have been deleted since
                response = render(request, "notifications/unsubscribe_invalid.html", status=400)
            else:
                response = render(
                    request, "notifications/unsubscribed.html", {"preference": preference.label}
                )
    response["Content-Language"] = language
    return response


@login_required
@require_GET
def deliveries(request):
    permissions.ensure_can_see_deliveries(request.user)
    form = DeliveryFilterForm(request.GET if request.GET else None)
    if form.is_bound and not form.is_valid():
        return render(
            request, "notifications/deliveries.html", {"form": form, "page_obj": None}, status=400
        )
    chosen = form.cleaned_data if form.is_bound else {}
    rows = selectors.deliveries(status=chosen.get("status", ""), kind=chosen.get("kind", ""))
    return render(
        request,
        "notifications/deliveries.html",
        {"form": form, "filter_chips": active_filter_chips(form), **paginate(request, rows, 50)},
    )


@login_required
@require_POST
def retry(request, pk: int):
    permissions.ensure_can_see_deliveries(request.user)
    delivery = get_object_or_404(Delivery, pk=pk)
    services.retry(delivery=delivery)
    messages.success(request, _("The email will be tried again in a moment."))
    return redirect("notifications:deliveries")
