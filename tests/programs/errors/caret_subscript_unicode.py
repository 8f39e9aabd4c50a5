# A failing subscript is marked from its brackets; columns count characters, not UTF-8 bytes.
sizes = {"länge": 3, "breite": 4}
print(sizes["länge"])
value = sizes["länge"] + sizes["höhe"]
