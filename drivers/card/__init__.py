"""Smart-card readers (PC/SC), the utility prepaid card application, EMV bank cards, PIN pads."""
