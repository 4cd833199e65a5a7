import type { createFormatter, createTranslator, NamespaceKeys, NestedKeyOf } from 'use-intl/core';
import type { Messages } from './messages';

/** A translator for one namespace (or a part of one, 'map.marking'), as useTranslations and getTranslator return. */
export type Translator<N extends NamespaceKeys<Messages, NestedKeyOf<Messages>>> = ReturnType<typeof createTranslator<Messages, N>>;
export type Formatter = ReturnType<typeof createFormatter>;
