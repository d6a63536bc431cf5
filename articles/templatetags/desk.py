from django import template

from articles.dashboard import desk_for

register = template.Library()


@register.inclusion_tag("admin/articles/_desk.html", takes_context=True)
def desk(context):
    """The admin front page's lists for the person signed in (see articles.dashboard)."""
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return {"desk": None}
    return {"desk": desk_for(user)}
