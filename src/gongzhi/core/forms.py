from django import forms


class StyledForm(forms.Form):
    """A form whose widgets carry the Bootstrap classes of the layout."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = (
                "form-select"
                if isinstance(widget, forms.Select)
                else ("form-check-input" if isinstance(widget, forms.CheckboxInput) else "form-control")
            )
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


def date_input() -> forms.DateInput:
    """A browser date picker; the value must be ISO (YYYY-MM-DD), whatever the language."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
