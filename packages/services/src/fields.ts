// Custom ticket fields: admin-defined definitions, and the values on a ticket checked against them.
export {
  archiveField,
  createField,
  DEFINITION_LIMITS,
  type FieldInput,
  type FieldUpdate,
  fieldColumns,
  listFields,
  restoreField,
  updateField,
} from "./fields/definitions";
export { checkContactFormValues, contactFormFields, setValues } from "./fields/ticket-values";
export {
  FIELD_LIMITS,
  type FieldDefinition,
  isDay,
  validateFieldValues,
  valuesFromForm,
} from "./fields/values";
