from django import forms

from gongzhi.core.money import parse_amount


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


class AmountField(forms.DecimalField):
    """A decimal as people type it: 1,616,772.74, 1616772.74元, full-width digits
    (`core.money.parse_amount`). A text box, not type=number, which refuses separators."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        if isinstance(value, str) and value.strip() not in self.empty_values:
            try:
                value = parse_amount(value)
            except ValueError:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)
