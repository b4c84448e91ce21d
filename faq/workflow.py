"""The FAQ's moderation workflow: IT-desk staff draft, the IT-desk lead approves and publishes.

Wagtail's own sample workflow ("Moderators approval") relies on its sample
Moderators group, which the intranet's roles replace. This workflow covers
the FAQ's area of the page tree only (each FAQ home and below), so pages that
other apps add are not sent to the IT-desk lead. Kept in step after every
``migrate`` and whenever an FAQ home is created.
"""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Task, Workflow, WorkflowPage, WorkflowTask

from intranet.roles import IT_DESK_LEAD

WORKFLOW_NAME = "FAQ 公開承認"
TASK_NAME = "情報システム担当リーダーの確認"
# Wagtail's sample workflow and its task, both named so; unused here, they
# only showed up, in English, in the workflow reports' filters.
WAGTAIL_SAMPLE_WORKFLOW = "Moderators approval"


def ensure_faq_workflow(**kwargs):
    from .models import FaqIndexPage

    # No workflow on the whole tree: not Wagtail's sample one, nor (as before) ours.
    WorkflowPage.objects.filter(page__depth=1).delete()
    Workflow.objects.filter(
        name=WAGTAIL_SAMPLE_WORKFLOW, workflow_pages__isnull=True, workflow_states__isnull=True
    ).delete()
    Task.objects.filter(
        name=WAGTAIL_SAMPLE_WORKFLOW, workflow_tasks__isnull=True, task_states__isnull=True
    ).delete()
    lead = Group.objects.filter(name=IT_DESK_LEAD).first()
    homes = FaqIndexPage.homes()
    if lead is None or not homes:
        return None
    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.set([lead])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.filter(workflow=workflow).exclude(page__in=homes).delete()
    for home in homes:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
