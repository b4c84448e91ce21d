"""The synonym dictionary (同義語辞書) the IT desk curates, as the query parser reads it."""


def lookup(term):
    """The other members of every synonym group that holds ``term`` (an index term).

    Each as (the member as written, the member's index terms).
    """
    return []
