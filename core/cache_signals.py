"""Which saves make which cached pages stale (core.content_cache): every save and delete of
the models pages show, from a service, the admin or the shell, bumps the versions of the topics
they belong to and the own version of the people concerned. Each app names its own models with
`watch` in its AppConfig.ready. Services that write with `QuerySet.update()` or `bulk_create()`
(which send no signals) bump themselves."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from core import content_cache

# Saves that change nothing any page shows: signing in records the time.
_UNSEEN_FIELDS = {"last_login"}

_receivers = []  # signals hold receivers weakly


def _receiver(topics, person_field):
    def changed(sender, instance, **kwargs):
        fields = kwargs.get("update_fields")
        if fields and set(fields) <= _UNSEEN_FIELDS:
            return
        person = getattr(instance, person_field) if person_field else None
        content_cache.bump(*topics, people=[person] if person else ())

    return changed


def _m2m_receiver(topics, person_model=None):
    def changed(sender, instance, action, model, pk_set=None, **kwargs):
        if not action.startswith("post_"):
            return
        people = ()
        if person_model is not None:
            # user.groups.add(group), or group.user_set.add(user): whoever's roles changed.
            people = [instance.pk] if isinstance(instance, person_model) else sorted(pk_set or ())
        content_cache.bump(*topics, people=people)

    return changed


def watch(model, topics, *, person: str | None = None, many_to_many=None) -> None:
    """Saves and deletes of `model`, and changes of its many-to-many fields (or of the ones
    in `many_to_many`, a list of through models), bump `topics`. `person`: the field holding
    the user concerned ("pk" when `model` is the user), whose own version is bumped too."""
    label = model._meta.label
    receiver = _receiver(topics, person)
    _receivers.append(receiver)
    post_save.connect(receiver, sender=model, dispatch_uid=f"content_cache.save.{label}")
    post_delete.connect(receiver, sender=model, dispatch_uid=f"content_cache.del.{label}")
    throughs = many_to_many
    if throughs is None:
        throughs = [field.remote_field.through for field in model._meta.local_many_to_many]
    for through in throughs:
        m2m = _m2m_receiver(topics, model if person == "pk" else None)
        _receivers.append(m2m)
        m2m_changed.connect(
            m2m, sender=through, dispatch_uid=f"content_cache.m2m.{through._meta.label}"
        )
