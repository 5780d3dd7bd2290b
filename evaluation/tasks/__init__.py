"""The eval tasks, by name, in the order the table shows them."""

from __future__ import annotations

from fieldreport.evaluation.tasks.acled import AcledTask
from fieldreport.evaluation.tasks.base import Task
from fieldreport.evaluation.tasks.compare import CompareTask
from fieldreport.evaluation.tasks.dates import DatesTask
from fieldreport.evaluation.tasks.events import GVATask, GVDBTask
from fieldreport.evaluation.tasks.muc import MUCTask
from fieldreport.evaluation.tasks.places import PlacesTask
from fieldreport.evaluation.tasks.types import TypesTask

TASKS: dict[str, Task] = {task.name: task for task in (
    GVATask(), GVDBTask(), MUCTask(), DatesTask(), PlacesTask(), TypesTask(), CompareTask(), AcledTask())}
