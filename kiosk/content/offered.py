"""Which languages a procedure is offered in to patients (the kiosk and the desk's Prepare alike)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kiosk.content.schema import Form
from kiosk.i18n import SOURCE
from kiosk.i18n import languages as word_languages


def offered_in(
    form: Form, translations: Mapping[str, Form], configured: Sequence[str]
) -> dict[str, Form]:
    """The procedure in every language offered, in the order Welcome shows them: the `languages`
    setting's (`configured`: those the procedure and the kiosk's words exist in), else its source
    language first, then every translation that checks clean (`translations`, by language)."""
    have = {form.language: form, **translations}
    spoken = set(word_languages())
    wanted = configured or (form.language, *sorted(have.keys() - {form.language}))
    offered = {lang: have[lang] for lang in wanted if lang in have and lang in spoken}
    return offered or {form.language: form}


def offered_anywhere(
    forms: Mapping[str, Form],
    translations: Mapping[str, Mapping[str, Form]],
    configured: Sequence[str],
) -> tuple[str, ...]:
    """Every language some procedure is offered in, in the kiosk's order (the setting's, else
    each procedure's source language first): the first is the clinic's main language."""
    found = [
        lang
        for form in forms.values()
        for lang in offered_in(form, translations.get(form.id, {}), configured)
    ]
    first = [lang for lang in configured if lang in found]
    return tuple(dict.fromkeys([*first, *found])) or (SOURCE,)
