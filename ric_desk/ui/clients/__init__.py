"""The client screens: the list, the card with its dialogs, a contact person's card, tasks."""
