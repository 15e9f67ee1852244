"""Pubflow's pages under /publishing/: posts, approvals, holds and the media library."""

from django.urls import URLPattern, URLResolver, path

from herald.publishing.views import approvals, holds, media, posts

urlpatterns: list[URLPattern | URLResolver] = [
    path("", posts.post_list, name="posts"),
    path("new/", posts.new_post, name="new"),
    path("check/", posts.check_fragment, name="check_fragment"),
    path("approvals/", approvals.queue, name="approvals"),
    path("holds/", holds.holds_page, name="holds"),
    path("holds/<uuid:public_id>/lift/", holds.lift, name="hold_lift"),
    path("holds/release/<uuid:public_id>/", holds.release, name="release"),
    path("media/", media.library, name="media"),
    path("media/upload/", media.upload, name="media_upload"),
    path("media/<uuid:public_id>/", media.item_detail, name="media_item"),
    path("media/<uuid:public_id>/file/", media.item_file, name="media_file"),
    path("<uuid:public_id>/", posts.post_detail, name="post"),
    path("<uuid:public_id>/edit/", posts.edit_post, name="edit"),
    path("<uuid:public_id>/preview/", posts.preview, name="preview"),
]
