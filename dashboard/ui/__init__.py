"""What pages share: the shell, component ids, the links every page writes, the export bar and
meeting mode, the not-found view. Uses data, figures, exports' captions and i18n; never pages."""
