/** What every container-details tab receives. The tab reads anything else it needs from the stores. */
export interface DetailsTabProps {
  containerId: string
  /** False while the tab is hidden but kept mounted (terminals keep their session, streams may pause). */
  visible: boolean
}
