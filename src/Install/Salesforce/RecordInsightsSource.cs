namespace CrmExtensions.Install.Salesforce;

/// <summary>The fixed sources of the record-page component; only <c>panels.js</c> and the test's expectations vary.</summary>
internal static class RecordInsightsSource
{
    public const string Js = """
        import { LightningElement, api, wire } from 'lwc';
        import { getRecord, getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';
        import { PANELS } from './panels';

        // Slots whose text holds one item per line.
        const MULTILINE = new Set(['Reasons', 'Recommendations', 'Alternatives']);

        /**
         * CrmExtensions' outputs on a record page: one section per model. The fields are requested as optionalFields,
         * so a field the user may not see is simply left out instead of failing the whole component.
         */
        export default class CrmxRecordInsights extends LightningElement {
            @api recordId;
            fields = [];
            record;
            error;
            _objectApiName;

            @api
            get objectApiName() {
                return this._objectApiName;
            }

            set objectApiName(value) {
                this._objectApiName = value;
                this.fields = (PANELS[value] || []).flatMap((section) => section.items.map((item) => item.field));
            }

            @wire(getRecord, { recordId: '$recordId', optionalFields: '$fields' })
            wiredRecord({ data, error }) {
                this.record = data;
                this.error = error;
            }

            get isUnsupported() {
                return !PANELS[this._objectApiName];
            }

            get hasRecord() {
                return Boolean(this.record);
            }

            get errorMessage() {
                if (!this.error) {
                    return undefined;
                }
                const body = this.error.body;
                const detail = Array.isArray(body) ? body.map((b) => b.message).join(', ') : body && body.message;
                return `CrmExtensions could not load its fields: ${detail || this.error.statusText || 'unknown error'}`;
            }

            get sections() {
                if (!this.record) {
                    return [];
                }
                return (PANELS[this._objectApiName] || []).map((section) => {
                    const items = section.items
                        .map((item) => ({
                            key: item.field,
                            field: item.field,
                            label: item.label,
                            value: this.valueOf(item.field),
                            css: MULTILINE.has(item.slot) ? 'slds-item_detail crmx-multiline' : item.slot === 'Grade' ? 'slds-item_detail crmx-grade' : 'slds-item_detail'
                        }))
                        .filter((item) => item.value !== null && item.value !== undefined && item.value !== '');
                    return { key: section.key, title: section.title, items, scored: items.length > 0 };
                });
            }

            valueOf(field) {
                const display = getFieldDisplayValue(this.record, field);
                return display !== null && display !== undefined ? display : getFieldValue(this.record, field);
            }
        }

        """;

    public const string Html = """
        <template>
            <lightning-card title="CrmExtensions" icon-name="standard:insights">
                <div class="slds-p-horizontal_small">
                    <template lwc:if={errorMessage}>
                        <p class="crmx-error slds-text-color_error">{errorMessage}</p>
                    </template>
                    <template lwc:elseif={isUnsupported}>
                        <p class="crmx-unsupported">CrmExtensions writes no fields on this object.</p>
                    </template>
                    <template lwc:elseif={hasRecord}>
                        <template for:each={sections} for:item="section">
                            <section key={section.key} class="crmx-section slds-m-bottom_small" data-model={section.key}>
                                <h3 class="slds-text-title_caps">{section.title}</h3>
                                <template lwc:if={section.scored}>
                                    <dl class="slds-list_horizontal slds-wrap">
                                        <template for:each={section.items} for:item="item">
                                            <div key={item.key} class="crmx-item" data-field={item.field}>
                                                <dt class="slds-item_label slds-text-color_weak">{item.label}</dt>
                                                <dd class={item.css}>{item.value}</dd>
                                            </div>
                                        </template>
                                    </dl>
                                </template>
                                <template lwc:else>
                                    <p class="crmx-empty slds-text-color_weak">Not scored yet.</p>
                                </template>
                            </section>
                        </template>
                    </template>
                </div>
            </lightning-card>
        </template>

        """;

    public const string Css = """
        .crmx-multiline {
            white-space: pre-line;
        }

        .crmx-grade {
            font-weight: bold;
        }

        """;

    public const string TestBody = """
        import { createElement } from 'lwc';
        import CrmxRecordInsights from 'c/crmxRecordInsights';
        import { getRecord } from 'lightning/uiRecordApi';

        const RECORD_ID = '001000000000001AAA';

        function mount(objectApiName) {
            const element = createElement('c-crmx-record-insights', { is: CrmxRecordInsights });
            element.recordId = RECORD_ID;
            element.objectApiName = objectApiName;
            document.body.appendChild(element);
            return element;
        }

        // getRecord's shape: fields by unqualified API name, each with value and displayValue.
        function recordOf(objectApiName, samples, blank) {
            const fields = {};
            for (const [name, sample] of Object.entries(samples)) {
                fields[name.split('.')[1]] = blank ? { value: null, displayValue: null } : sample;
            }
            return { apiName: objectApiName, id: RECORD_ID, fields };
        }

        const flush = () => Promise.resolve();

        describe('c-crmx-record-insights', () => {
            afterEach(() => {
                while (document.body.firstChild) {
                    document.body.removeChild(document.body.firstChild);
                }
                jest.clearAllMocks();
            });

            describe.each(Object.keys(EXPECTED))('on a %s record page', (objectApiName) => {
                const expected = EXPECTED[objectApiName];

                it('asks getRecord for exactly our fields, as optional fields', async () => {
                    mount(objectApiName);
                    await flush();
                    const config = getRecord.getLastConfig();
                    expect(config.recordId).toBe(RECORD_ID);
                    expect([...config.optionalFields].sort()).toEqual([...expected.fields].sort());
                });

                it('shows every value of a scored record under its model', async () => {
                    const element = mount(objectApiName);
                    getRecord.emit(recordOf(objectApiName, expected.samples, false));
                    await flush();
                    const titles = [...element.shadowRoot.querySelectorAll('h3')].map((h) => h.textContent);
                    expect(titles.sort()).toEqual([...expected.titles].sort());
                    for (const [field, sample] of Object.entries(expected.samples)) {
                        const item = element.shadowRoot.querySelector(`[data-field="${field}"]`);
                        expect(item).not.toBeNull();
                        const shown = sample.displayValue !== null ? sample.displayValue : String(sample.value);
                        expect(item.querySelector('dd').textContent).toBe(shown);
                    }
                    expect(element.shadowRoot.querySelector('.crmx-empty')).toBeNull();
                });

                it('says "Not scored yet" for each model of a record without values', async () => {
                    const element = mount(objectApiName);
                    getRecord.emit(recordOf(objectApiName, expected.samples, true));
                    await flush();
                    expect(element.shadowRoot.querySelectorAll('.crmx-item')).toHaveLength(0);
                    expect(element.shadowRoot.querySelectorAll('.crmx-empty')).toHaveLength(expected.titles.length);
                });

                it('leaves out a field the user may not see', async () => {
                    const element = mount(objectApiName);
                    const record = recordOf(objectApiName, expected.samples, false);
                    const hidden = expected.fields[0];
                    delete record.fields[hidden.split('.')[1]];
                    getRecord.emit(record);
                    await flush();
                    expect(element.shadowRoot.querySelector(`[data-field="${hidden}"]`)).toBeNull();
                    expect(element.shadowRoot.querySelectorAll('.crmx-item')).toHaveLength(expected.fields.length - 1);
                });
            });

            it('shows the error when the record cannot be read', async () => {
                const element = mount(Object.keys(EXPECTED)[0]);
                getRecord.error({ message: 'The requested resource does not exist' }, 404, 'Not Found');
                await flush();
                const error = element.shadowRoot.querySelector('.crmx-error');
                expect(error).not.toBeNull();
                expect(error.textContent).toContain('does not exist');
                expect(element.shadowRoot.querySelector('.crmx-item')).toBeNull();
            });

            it('says so on an object we write no fields on', async () => {
                const element = mount('Task');
                await flush();
                expect(element.shadowRoot.querySelector('.crmx-unsupported')).not.toBeNull();
            });
        });

        """;
}
