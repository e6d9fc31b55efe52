"""Doubt rules on what the reading of the source lost (`SourceText.problems`): a PDF page, object or
font that could not be read, text with no Unicode map, a page with no text, a byte that is not UTF-8."""
from __future__ import annotations


from workbench.i18n import _
from workbench.model import FlagKind, ReadProblem


class SourceRules:
    def source_read(self) -> None:
        """One `low_confidence` flag per problem, on the lines it concerns: an `error` where text is missing
        or garbled (the record is not the whole document), a `warning` where it may be."""
        for problem in self.ref.source.problems:
            span = self._problem_span(problem)
            what = problem.message[:1].upper() + problem.message[1:]
            advice = (_('Compare the record with the source; the missing text must be typed in or the file exported again.') if problem.severity == "error" else _('Check the record against the source there.'))
            self.add(FlagKind.LOW_CONFIDENCE, problem.severity, self._problem_field(span), span,
                     f"{what}. {advice}", excerpt=problem.message)


    def _problem_span(self, problem: ReadProblem) -> tuple[int, int]:
        n = len(self.lines)
        if not n:
            return (1, 1)
        if problem.line is not None:
            no = min(max(problem.line, 1), n)
            return (no, no)
        if problem.page is None:
            return (1, 1)
        on_page = [ln.no for ln in self.lines if ln.page == problem.page]
        if on_page:
            return (on_page[0], on_page[-1])
        after = [ln.no for ln in self.lines if ln.page is not None and ln.page > problem.page]
        before = [ln.no for ln in self.lines if ln.page is not None and ln.page < problem.page]
        no = after[0] if after else before[-1] if before else 1
        return (no, no)


    def _problem_field(self, span: tuple[int, int]) -> str:
        for k, item in enumerate(self.ref.items):
            if item.span and item.span[0] <= span[0] <= item.span[1]:
                return f"items[{k}]"
        return self._region(span[0])
