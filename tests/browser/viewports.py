"""The two window sizes every browser journey is run at: a common phone and a laptop."""

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
