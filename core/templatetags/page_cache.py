"""{% cached_fragment fragment %}...{% endcached_fragment %}: the part of a page that a
core.content_cache.Fragment (made by the view) keeps for everyone who sees it the same way.
When the cache has it, the inside is not rendered at all (the view left out the queries it
would need); else it is rendered and stored as it may be shared (content_cache.shareable).
Its per-person slots are filled when the whole page is (content_cache.conditional_page).
Without a fragment the inside renders as usual.
"""

from django import template
from django.utils.safestring import mark_safe

from core.content_cache import Fragment, shareable

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, fragment, nodelist):
        self.fragment = fragment
        self.nodelist = nodelist

    def render(self, context):
        fragment = self.fragment.resolve(context)
        if not isinstance(fragment, Fragment):
            return self.nodelist.render(context)
        if not fragment.cached:
            fragment.store(shareable(str(self.nodelist.render(context))))
        # Shared text rendered by this release's templates, auto-escaped when it was made.
        return mark_safe(fragment.html)  # noqa: S308  # nosec B308 B703


@register.tag
def cached_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% cached_fragment fragment %} takes one argument.")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(parser.compile_filter(bits[1]), nodelist)
