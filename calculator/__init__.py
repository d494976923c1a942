"""红河州临时救助测算 (红民社救〔2019〕5号): a pure-Python rules engine, standard library only.

Runs the same under CPython (CLI, tests, site build) and Pyodide (the 测算 page). Entry points:

* :func:`calculator.assess.assess` — one application dict + :class:`calculator.standards.Bundle` → result dict;
* ``python -m calculator assess FILE|-`` — the same as JSON on the command line.
"""

from calculator.application import InputError
from calculator.assess import assess
from calculator.standards import Bundle

__all__ = ["Bundle", "InputError", "assess"]
