"""A registry of named things that apps add once, from ``AppConfig.ready``.

Shaped like Django's ``AdminSite.register``: registering a key twice is a
mistake and raises, so two apps can never silently replace each other's
panel, navigation entry or search type; ``unregister`` is the one way back
(tests use it, never the registry's private dict).
"""


class AlreadyRegistered(Exception):
    pass


class NotRegistered(Exception):
    pass


class Registry:
    def __init__(self, kind):
        self.kind = kind
        self._entries = {}

    def register(self, key, entry):
        if key in self._entries:
            raise AlreadyRegistered(f"The {self.kind} {key!r} is already registered.")
        self._entries[key] = entry
        return entry

    def unregister(self, key):
        try:
            return self._entries.pop(key)
        except KeyError:
            raise NotRegistered(f"The {self.kind} {key!r} is not registered.") from None

    def __getitem__(self, key):
        try:
            return self._entries[key]
        except KeyError:
            raise NotRegistered(f"The {self.kind} {key!r} is not registered.") from None

    def __contains__(self, key):
        return key in self._entries

    def __iter__(self):
        return iter(list(self._entries.values()))
