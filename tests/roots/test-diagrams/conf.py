project = "Diagrams"
extensions = ["scholarpages"]
html_theme = "basic"
