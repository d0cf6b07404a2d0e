"""dateline: news articles about an armed conflict in, a sourced record of what happened out.

>>> import dateline
>>> resources = dateline.Resources()          # load models once, reuse for every call
>>> record = dateline.extract(dateline.Article(raw=text, published="2016-11-03"), resources)
"""

from .article import Article
from .errors import DatelineError, ExtractError, InputError
from .pipeline import Options, Resources, extract, extract_many
from .store import Store, open_store

__version__ = "0.1.0"
__all__ = ["Article", "DatelineError", "ExtractError", "InputError", "Options", "Resources",
           "Store", "extract", "extract_many", "open_store"]
