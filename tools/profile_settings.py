"""Write the settings of the QGIS profile that `make run` and `make process` use.

The plugin is enabled; start-up dialogs that would hide the map are off.
Usage: profile_settings.py PATH/TO/QGIS3.ini  (KT_LOCALE=de sets the locale; without it the
system's language applies)
"""

import os
import sys

from qgis.PyQt.QtCore import QSettings

settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
settings.setValue("PythonPlugins/kursk_tracker", True)
settings.setValue("app/plugin_installer/checkOnStart", False)
settings.setValue("qgis/checkVersion", False)
settings.setValue("qgis/showTips322", False)
settings.setValue("qgis/showTips", False)
settings.setValue("UI/hidebrowser", False)
# Each run decides afresh: without KT_LOCALE, QGIS follows the system's language
# again (an earlier KT_LOCALE=de run must not stick).
locale = os.environ.get("KT_LOCALE", "")
settings.setValue("locale/overrideFlag", bool(locale))
if locale:
    settings.setValue("locale/userLocale", locale)
else:
    settings.remove("locale/userLocale")
settings.sync()
