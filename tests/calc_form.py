"""Filling the 测算 page's form in tests, step by step, as a person does with a mouse or a finger."""

from __future__ import annotations


def fill_household(page, county: str, date: str, residence: str, size: str) -> None:
    """Step 1: county code, application date (YYYY-MM-DD), "urban"/"rural", household size; stays on step 1."""
    page.select_option("#f-county", county)
    page.fill("#f-date", date)
    page.check(f"input[name=residence][value={residence}]")
    page.fill("#f-size", size)


def fill_expenditure(page, income: str, medical: str) -> None:
    """From step 1 to step 3: the expenditure type, with 6 months' income and self-paid medical costs (元)."""
    page.click("#step-next")
    page.check("input[name=type][value=expenditure]")
    page.fill("#f-income", income)
    page.fill("#f-medical", medical)
    page.click("#step-next")


def add_prior(page, date: str, amount: str, event: str) -> None:
    """On step 3: one assistance received before (date, 元, event)."""
    page.click("#add-prior")
    page.fill(".prior-row [data-prior=date]", date)
    page.fill(".prior-row [data-prior=amount]", amount)
    page.fill(".prior-row [data-prior=event]", event)


def submit(page) -> dict:
    """From step 3: 核对, then 测算; returns the result's fields (data-field → text)."""
    page.click("#step-next")
    page.click("#calc-submit")
    page.wait_for_selector("#calc-result:not([hidden])", timeout=90_000)
    fields = page.query_selector_all("#calc-result [data-field]")
    return {field.get_attribute("data-field"): field.inner_text() for field in fields}
