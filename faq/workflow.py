"""The FAQ's moderation workflow: IT-desk staff draft, the IT-desk lead approves and publishes.

Wagtail's own sample workflow ("Moderators approval") relies on its sample
Moderators group, which the intranet's roles replace; this workflow takes its
place on the whole page tree. Kept in step after every ``migrate``.
"""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from intranet.roles import IT_DESK_LEAD

WORKFLOW_NAME = "FAQ 公開承認"
TASK_NAME = "情報システム担当リーダーの確認"


def ensure_faq_workflow(**kwargs):
    root = Page.get_first_root_node()
    lead = Group.objects.filter(name=IT_DESK_LEAD).first()
    if root is None or lead is None:
        return None
    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.set([lead])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    Workflow.objects.exclude(pk=workflow.pk).filter(workflow_pages__page=root).update(active=False)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow
