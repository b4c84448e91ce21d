"""The home page's 「今日の予定」 panel."""


def register():
    pass
