"""{% cached_fragment fragment %}...{% endcached_fragment %}: the part of a page that a
core.content_cache.Fragment (made by the view) keeps for everyone who sees it the same way.
When the cache has it, the inside is not rendered at all (the view left out the queries it
would need); else it is rendered and stored. Either way its per-person slots are filled for
the person asking (content_cache.personalise). Without a fragment the inside renders as usual.
"""

from django import template
from django.utils.safestring import mark_safe

from core.content_cache import Fragment, personalise

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, fragment, nodelist):
        self.fragment = fragment
        self.nodelist = nodelist

    def render(self, context):
        fragment = self.fragment.resolve(context)
        if not isinstance(fragment, Fragment):
            html = self.nodelist.render(context)
        elif fragment.cached:
            html = fragment.html
        else:
            html = self.nodelist.render(context)
            fragment.store(str(html))
        request = context.get("request")
        # Shared text rendered by this release's templates, auto-escaped when it was made.
        return mark_safe(personalise(request, html) if request is not None else html)  # noqa: S308  # nosec B308 B703


@register.tag
def cached_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% cached_fragment fragment %} takes one argument.")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(parser.compile_filter(bits[1]), nodelist)
