"""hipcoach: a breathwork and hip-stretch timer you can follow from the mat."""

__version__ = "0.1.0"

#: The application id, in reverse-DNS form, for everything the desktop keys on: the
#: ``.desktop`` entry's file name, the AppStream metainfo, the icon names, the Flatpak,
#: ``QGuiApplication.setDesktopFileName`` (so the window groups with its launcher icon),
#: the single-instance socket and the name given to D-Bus services. It names the
#: project's GitHub home (github.com/hipcoach/hipcoach), so it needs no domain of its own.
#: Never change it once released: desktops, Flathub and autostart entries remember it.
APP_ID = "io.github.hipcoach.hipcoach"
