"""The home page's 「わたしの予約」 panel."""


def register():
    pass
