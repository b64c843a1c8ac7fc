from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns import permissions, selectors, services, sharing
from campaigns.enums import ItemKind
from campaigns.exceptions import CampaignError
from campaigns.forms import CalendarForm, CampaignForm, ItemForm
from core.content import translated_text
from core.i18n import absolute_url_for
from core.refusals import bound_form, form_page


@require_GET
def campaign_list(request):
    user = request.user
    return render(
        request,
        "campaigns/list.html",
        {
            "campaigns": selectors.campaign_list(user=user),
            "can_create": permissions.can_create(user),
        },
    )


@require_GET
def calendar(request):
    """The campaigns of a year, month by month (no JavaScript: a year is a link)."""
    form = CalendarForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        raise CampaignError(_("Choose a year between 2000 and 2100."))
    year = (form.cleaned_data.get("year") if form.is_bound else None) or timezone.localdate().year
    months = selectors.calendar_year(user=request.user, year=year)
    return render(
        request,
        "campaigns/calendar.html",
        {
            "year": year,
            "months": [(sharing.month_text(month.first_day), month) for month in months],
            "any_campaign": any(month.campaigns for month in months),
            "previous_year": year - 1 if year > 2000 else None,
            "next_year": year + 1 if year < 2100 else None,
        },
    )


@require_GET
def calendar_ics(request):
    """All-day events of the campaigns the reader may see (public ones for a calendar program,
    which does not sign in)."""
    body = sharing.calendar_for(
        selectors.calendar_feed(user=request.user),
        name=_("Learning Lab campaigns"),
        language=translation.get_language(),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _item_rows(user, kind: str, items) -> list[dict]:
    return [
        {
            "item": item,
            "removable": permissions.may_remove(user, selectors.item_organisation_ids(kind, item)),
        }
        for item in items
    ]


@require_GET
def campaign_detail(request, slug: str):
    user = request.user
    campaign = selectors.campaign_for_page(user=user, slug=slug)
    found = selectors.gathered(user=user, campaign=campaign)
    url = absolute_url_for("campaigns:detail", slug=campaign.slug)
    can_tag = permissions.can_tag(user, campaign)
    context = {
        "campaign": campaign,
        "title": translated_text(campaign, "title"),
        "summary": translated_text(campaign, "summary"),
        "call_to_action": translated_text(campaign, "call_to_action"),
        "dates": sharing.dates_text(campaign),
        "activities": _item_rows(user, ItemKind.ACTIVITY, found.activities),
        "stories": _item_rows(user, ItemKind.STORY, found.stories),
        "resources": _item_rows(user, ItemKind.RESOURCE, found.resources),
        "share_preview": sharing.preview_for(campaign=campaign, url=url),
        "can_edit": permissions.can_edit(user, campaign),
        "can_tag": can_tag,
    }
    if can_tag:
        offered = selectors.addable_choices(user=user, campaign=campaign)
        context["choices"] = [(kind, label, offered[kind]) for kind, label in ItemKind.choices]
        context["offers_any"] = any(offered.values())
    return render(request, "campaigns/detail.html", context)


def _form_kwargs(request, campaign=None) -> dict:
    return {
        "organisations": selectors.organisation_choices(user=request.user),
        "campaign": campaign,
    }


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    permissions.ensure_can_create(request.user)

    def save(form):
        campaign = services.create_campaign(
            by=request.user, slug=form.cleaned_data["slug"], **form.service_data()
        )
        messages.success(request, _("The campaign is created."))
        return redirect("campaigns:detail", slug=campaign.slug)

    return form_page(
        request,
        "campaigns/form.html",
        form=bound_form(CampaignForm, request, user=request.user, **_form_kwargs(request)),
        on_valid=save,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug: str):
    campaign = selectors.campaign_for_page(user=request.user, slug=slug)
    permissions.ensure_can_edit(request.user, campaign)

    def save(form):
        services.update_campaign(
            campaign=campaign,
            by=request.user,
            version=form.cleaned_data.get("version"),
            **form.service_data(),
        )
        messages.success(request, _("Your changes are saved."))
        return redirect("campaigns:detail", slug=campaign.slug)

    return form_page(
        request,
        "campaigns/form.html",
        form=bound_form(CampaignForm, request, **_form_kwargs(request, campaign)),
        on_valid=save,
        context={"campaign": campaign, "title": translated_text(campaign, "title")},
    )


def _item(request) -> dict:
    form = ItemForm(request.POST)
    if not form.is_valid():
        raise CampaignError(_("This request was not understood. Go back and try again."))
    return form.cleaned_data


@login_required
@require_POST
def add_item(request, slug: str):
    campaign = selectors.campaign_for_page(user=request.user, slug=slug)
    permissions.ensure_can_tag(request.user, campaign)
    data = _item(request)
    services.add_item(campaign=campaign, by=request.user, kind=data["kind"], item_id=data["item"])
    messages.success(request, _("It is part of the campaign now."))
    return redirect(reverse("campaigns:detail", kwargs={"slug": campaign.slug}) + "#gathered")


@login_required
@require_POST
def remove_item(request, slug: str):
    campaign = selectors.campaign_for_page(user=request.user, slug=slug)
    data = _item(request)
    services.remove_item(
        campaign=campaign, by=request.user, kind=data["kind"], item_id=data["item"]
    )
    messages.success(request, _("It is no longer part of the campaign."))
    return redirect(reverse("campaigns:detail", kwargs={"slug": campaign.slug}) + "#gathered")
