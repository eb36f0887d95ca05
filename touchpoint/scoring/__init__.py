"""The owner's scorecard: categories rated 1 to 5 by a rubric that is data."""

from touchpoint.scoring.rubric import CATEGORIES, Band, load_rubric
from touchpoint.scoring.scorecard import Category, Scorecard, scorecard

__all__ = ["CATEGORIES", "Band", "Category", "Scorecard", "load_rubric", "scorecard"]
