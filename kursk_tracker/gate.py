"""Kursk Tracker while shapely 2 is missing: the plugin as far as it runs, and the offer to install shapely.

The panels, the sample series and the Processing provider load without
shapely (the map then jumps between snapshots; importing and measuring need
shapely). The gate adds the offer ("Install shapely" in the message bar and
in the plugin's menu), runs pip in a QgsTask and then sets the full plugin
up again in place, with shapely, where no older shapely is loaded already.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsApplication
from qgis.PyQt import sip
from qgis.PyQt.QtWidgets import QMenu, QProgressBar, QPushButton

from .gui.menus import add_plugin_menu, remove_plugin_menu
from .toolbelt.compat import required
from .toolbelt.dependencies import current_requirement, install_advice
from .toolbelt.i18n import tr
from .toolbelt.log import log, warn
from .toolbelt.qtcompat import QAction
from .toolbelt.shapely_install import InstallOutcome, ShapelyInstallTask, shadowed_install_problem

INSTALL_BUTTON_OBJECT_NAME = "KurskTrackerInstallShapely"
CANCEL_BUTTON_OBJECT_NAME = "KurskTrackerCancelShapelyInstall"


def full_plugin(iface):
    """The full plugin, or None where it does not import without shapely."""
    try:
        from .plugin import KurskTrackerPlugin
    except ImportError as error:
        warn(
            tr("Kursk Tracker starts without its panels until shapely 2 is installed ({error}).").format(
                error=error
            )
        )
        return None
    return KurskTrackerPlugin(iface)


class ShapelyGate:
    """What QGIS loads while shapely 2 is missing; unload and attributes go to the full plugin."""

    def __init__(self, iface, problem: str) -> None:
        self.iface = iface
        self.problem = problem
        self.plugin = full_plugin(iface)
        self.menu: QMenu | None = None
        """A menu of its own, only where the full plugin (with its menu) does not load."""
        self.menu_actions: list = []
        self.offer = None
        self.progress_item = None
        self.progress_bar: QProgressBar | None = None
        self.task: ShapelyInstallTask | None = None

    def __getattr__(self, name: str):
        plugin = self.__dict__.get("plugin")
        if plugin is None:
            raise AttributeError(name)
        return getattr(plugin, name)

    def initProcessing(self) -> None:  # noqa: N802
        if self.iface is None:  # qgis_process: no message bar
            warn(shadowed_install_problem() or f"{self.problem} {install_advice()}")
        if self.plugin is not None:
            self.plugin.initProcessing()

    def initGui(self) -> None:  # noqa: N802
        warn(self.problem)
        window = self.iface.mainWindow()
        if self.plugin is not None:
            self.plugin.initGui()
            menu = self.plugin.menu
        else:
            menu = self.menu = add_plugin_menu(window)
        action = QAction(tr("Install shapely…"), window)
        action.triggered.connect(self.install)
        self.menu_actions = [menu.addSeparator(), action] if menu.actions() else [action]
        menu.addAction(action)
        shadowed = shadowed_install_problem()
        if shadowed:  # installing again would not help
            warn(shadowed)
            self.iface.messageBar().pushMessage(tr("Kursk Tracker"), shadowed, Qgis.MessageLevel.Warning, 0)
        else:
            self.show_offer()

    def show_offer(self) -> None:
        bar = self.iface.messageBar()
        self._pop("offer")
        item = bar.createMessage(
            tr("Kursk Tracker"),
            "{problem} {offer}".format(
                problem=self.problem,
                offer=tr("Kursk Tracker can install it for itself, into your QGIS profile."),
            ),
        )
        button = QPushButton(tr("Install shapely"), item)
        button.setObjectName(INSTALL_BUTTON_OBJECT_NAME)
        button.clicked.connect(self.install)
        item.layout().addWidget(button)
        bar.pushWidget(item, Qgis.MessageLevel.Warning)
        self.offer = item

    def install(self, _checked: bool = False) -> None:
        """Start pip in the background; progress and Cancel in the message bar."""
        if self.task is not None:
            return
        self._pop("offer")
        bar = self.iface.messageBar()
        self.task = ShapelyInstallTask(self.installed)
        text = tr("Installing {requirement} for Kursk Tracker…").format(
            requirement=current_requirement() or "shapely"
        )
        item = bar.createMessage(tr("Kursk Tracker"), text)
        self.progress_bar = QProgressBar(item)
        self.progress_bar.setRange(0, 100)
        cancel = QPushButton(tr("Cancel"), item)
        cancel.setObjectName(CANCEL_BUTTON_OBJECT_NAME)
        cancel.clicked.connect(self.task.cancel)
        item.layout().addWidget(self.progress_bar)
        item.layout().addWidget(cancel)
        self.task.progressChanged.connect(self._progress)
        bar.pushWidget(item, Qgis.MessageLevel.Info)
        self.progress_item = item
        required(QgsApplication.taskManager(), "task manager").addTask(self.task)

    def _progress(self, value: float) -> None:
        if self.progress_bar is not None and not sip.isdeleted(self.progress_bar):
            self.progress_bar.setValue(int(value))

    def installed(self, outcome: InstallOutcome) -> None:
        """The task's end: load the full plugin, or say what to do."""
        self.task = None
        self._pop("progress_item")
        self.progress_bar = None
        bar = self.iface.messageBar()
        title = tr("Kursk Tracker")
        log(
            f"{outcome.message}\n{outcome.details}".strip(),
            Qgis.MessageLevel.Info if outcome.ok else Qgis.MessageLevel.Warning,
        )
        if outcome.ok:
            self.load_full_plugin()
            bar.pushMessage(title, outcome.message, Qgis.MessageLevel.Success, 10)
        elif outcome.canceled:
            bar.pushMessage(title, outcome.message, Qgis.MessageLevel.Info, 5)
            self.show_offer()
        elif outcome.details:
            bar.pushMessage(title, outcome.message, outcome.details, Qgis.MessageLevel.Critical, 0)
        else:
            level = Qgis.MessageLevel.Warning if outcome.restart else Qgis.MessageLevel.Critical
            bar.pushMessage(title, outcome.message, level, 0)

    def load_full_plugin(self) -> None:
        """Set the full plugin up in place, now with shapely; docks stay where the user put them."""
        from .plugin import KurskTrackerPlugin

        window = self.iface.mainWindow()
        state = window.saveState() if self.plugin is not None else None
        self._remove_menu_entry()
        if self.plugin is not None:
            self.plugin.unload()
        self.plugin = KurskTrackerPlugin(self.iface)
        self.plugin.initProcessing()
        self.plugin.initGui()
        if state is not None:
            window.restoreState(state)
        self.problem = ""

    def unload(self) -> None:
        if self.task is not None:
            self.task.on_done = None
            self.task.cancel()
            self.task = None
        self._pop("offer")
        self._pop("progress_item")
        self._remove_menu_entry()
        if self.plugin is not None:
            self.plugin.unload()
            self.plugin = None

    def _remove_menu_entry(self) -> None:
        menu = self.menu or (self.plugin.menu if self.plugin is not None else None)
        for action in self.menu_actions:
            if sip.isdeleted(action):
                continue
            if menu is not None and not sip.isdeleted(menu):
                menu.removeAction(action)
            action.deleteLater()
        self.menu_actions = []
        if self.menu is not None:
            remove_plugin_menu(self.iface.mainWindow(), self.menu)
            self.menu = None

    def _pop(self, name: str) -> None:
        item = getattr(self, name)
        setattr(self, name, None)
        if item is not None and not sip.isdeleted(item):
            self.iface.messageBar().popWidget(item)
